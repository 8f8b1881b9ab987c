declare const styles: {
  readonly "card": string;
  readonly "page": string;
};
export = styles;

