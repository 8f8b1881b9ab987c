declare const styles: {
  readonly "since": string;
};
export = styles;

