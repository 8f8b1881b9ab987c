declare const styles: {
  readonly "bar": string;
  readonly "failed": string;
  readonly "nameList": string;
  readonly "resultList": string;
};
export = styles;

