declare const styles: {
  readonly "choice": string;
  readonly "picker": string;
};
export = styles;

