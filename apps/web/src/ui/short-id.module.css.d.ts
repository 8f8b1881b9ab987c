declare const styles: {
  readonly "shortId": string;
};
export = styles;

