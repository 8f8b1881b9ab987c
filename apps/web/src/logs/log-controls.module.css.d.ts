declare const styles: {
  readonly "toggle": string;
};
export = styles;

