declare const styles: {
  readonly "btn": string;
  readonly "danger": string;
  readonly "ghost": string;
  readonly "primary": string;
};
export = styles;

