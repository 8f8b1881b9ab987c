declare const styles: {
  readonly "codes": string;
  readonly "key": string;
  readonly "qr": string;
  readonly "section": string;
  readonly "steps": string;
};
export = styles;

