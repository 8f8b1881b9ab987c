declare const styles: {
  readonly "field": string;
  readonly "fieldError": string;
  readonly "form": string;
  readonly "formError": string;
  readonly "plainFieldset": string;
  readonly "rowInputs": string;
  readonly "rows": string;
  readonly "two": string;
};
export = styles;

