declare const styles: {
  readonly "dot": string;
  readonly "meta": string;
  readonly "reachable": string;
  readonly "switcher": string;
  readonly "unreachable": string;
};
export = styles;

