declare const styles: {
  readonly "count": string;
  readonly "scale": string;
};
export = styles;

