declare const styles: {
  readonly "charts": string;
  readonly "figure": string;
  readonly "figures": string;
  readonly "rangeBar": string;
};
export = styles;

