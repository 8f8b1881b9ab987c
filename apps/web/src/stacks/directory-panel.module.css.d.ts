declare const styles: {
  readonly "actions": string;
  readonly "disabled": string;
  readonly "dropping": string;
  readonly "into": string;
  readonly "newFolder": string;
  readonly "panel": string;
  readonly "title": string;
};
export = styles;

