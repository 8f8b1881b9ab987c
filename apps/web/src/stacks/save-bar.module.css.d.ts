declare const styles: {
  readonly "bar": string;
};
export = styles;

