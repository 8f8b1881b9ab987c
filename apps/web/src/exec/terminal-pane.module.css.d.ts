declare const styles: {
  readonly "pane": string;
  readonly "status": string;
  readonly "wrap": string;
};
export = styles;

