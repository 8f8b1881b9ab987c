declare const styles: {
  readonly "grid": string;
  readonly "narrow": string;
  readonly "section": string;
  readonly "three": string;
};
export = styles;

