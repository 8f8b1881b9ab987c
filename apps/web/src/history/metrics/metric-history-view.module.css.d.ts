declare const styles: {
  readonly "charts": string;
};
export = styles;

