declare const styles: {
  readonly "copy": string;
};
export = styles;

