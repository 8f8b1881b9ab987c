declare const styles: {
  readonly "canvas": string;
  readonly "chart": string;
};
export = styles;

