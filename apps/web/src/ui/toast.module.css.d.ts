declare const styles: {
  readonly "bad": string;
  readonly "body": string;
  readonly "close": string;
  readonly "frame": string;
  readonly "ok": string;
  readonly "page": string;
  readonly "toast": string;
  readonly "toasts": string;
};
export = styles;

