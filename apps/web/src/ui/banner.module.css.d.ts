declare const styles: {
  readonly "bad": string;
  readonly "banner": string;
  readonly "info": string;
  readonly "warn": string;
};
export = styles;

