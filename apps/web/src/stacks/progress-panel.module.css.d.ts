declare const styles: {
  readonly "message": string;
  readonly "panel": string;
  readonly "step": string;
  readonly "steps": string;
};
export = styles;

