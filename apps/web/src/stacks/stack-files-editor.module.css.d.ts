declare const styles: {
  readonly "compose": string;
  readonly "env": string;
  readonly "fileName": string;
  readonly "files": string;
  readonly "hint": string;
  readonly "issues": string;
};
export = styles;

