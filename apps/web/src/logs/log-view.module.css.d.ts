declare const styles: {
  readonly "empty": string;
  readonly "frame": string;
  readonly "jumpEnd": string;
  readonly "line": string;
  readonly "source": string;
  readonly "timestamp": string;
  readonly "view": string;
};
export = styles;

