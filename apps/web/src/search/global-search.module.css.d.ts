declare const styles: {
  readonly "empty": string;
  readonly "hit": string;
  readonly "kind": string;
  readonly "name": string;
  readonly "results": string;
  readonly "search": string;
  readonly "where": string;
};
export = styles;

