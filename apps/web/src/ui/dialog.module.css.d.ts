declare const styles: {
  readonly "actions": string;
  readonly "body": string;
  readonly "dialog": string;
  readonly "title": string;
  readonly "wide": string;
};
export = styles;

