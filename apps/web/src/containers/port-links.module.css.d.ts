declare const styles: {
  readonly "ports": string;
};
export = styles;

