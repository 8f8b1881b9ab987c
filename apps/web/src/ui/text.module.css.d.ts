declare const styles: {
  readonly "bad": string;
  readonly "brand": string;
  readonly "codeBlock": string;
  readonly "hidePhone": string;
  readonly "mono": string;
  readonly "muted": string;
  readonly "plain": string;
  readonly "preWrap": string;
  readonly "scrollX": string;
  readonly "srOnly": string;
  readonly "truncate": string;
  readonly "wrap": string;
};
export = styles;

