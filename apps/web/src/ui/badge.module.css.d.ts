declare const styles: {
  readonly "bad": string;
  readonly "badge": string;
  readonly "info": string;
  readonly "muted": string;
  readonly "ok": string;
  readonly "warn": string;
};
export = styles;

