declare const styles: {
  readonly "charts": string;
  readonly "figure": string;
  readonly "figures": string;
};
export = styles;

