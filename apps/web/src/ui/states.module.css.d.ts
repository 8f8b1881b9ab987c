declare const styles: {
  readonly "emptyState": string;
  readonly "emptyTitle": string;
  readonly "errorState": string;
  readonly "errorText": string;
  readonly "refreshFailed": string;
  readonly "spin": string;
  readonly "spinner": string;
  readonly "spinnerDot": string;
};
export = styles;

