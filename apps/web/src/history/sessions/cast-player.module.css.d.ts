declare const styles: {
  readonly "controls": string;
  readonly "pane": string;
  readonly "player": string;
  readonly "slider": string;
};
export = styles;

