declare const styles: {
  readonly "layerStatus": string;
  readonly "layers": string;
  readonly "messages": string;
};
export = styles;

