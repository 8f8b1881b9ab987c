declare const styles: {
  readonly "crumbs": string;
  readonly "open": string;
};
export = styles;

