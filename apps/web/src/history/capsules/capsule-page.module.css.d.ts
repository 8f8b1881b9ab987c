declare const styles: {
  readonly "line": string;
  readonly "log": string;
  readonly "notes": string;
};
export = styles;

