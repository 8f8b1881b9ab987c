declare const styles: {
  readonly "body": string;
  readonly "cell": string;
  readonly "group": string;
  readonly "head": string;
  readonly "row": string;
  readonly "selected": string;
  readonly "sortBtn": string;
  readonly "table": string;
};
export = styles;

