declare const styles: {
  readonly "editor": string;
};
export = styles;

