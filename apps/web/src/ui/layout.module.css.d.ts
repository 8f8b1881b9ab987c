declare const styles: {
  readonly "actions": string;
  readonly "backLink": string;
  readonly "badges": string;
  readonly "card": string;
  readonly "cardHead": string;
  readonly "check": string;
  readonly "filters": string;
  readonly "inlineForm": string;
  readonly "kv": string;
  readonly "liveStatus": string;
  readonly "nameCell": string;
  readonly "narrow": string;
  readonly "overviewGrid": string;
  readonly "page": string;
  readonly "pageHead": string;
  readonly "pushEnd": string;
  readonly "row": string;
  readonly "rowLabel": string;
  readonly "rowValue": string;
  readonly "search": string;
  readonly "simpleTable": string;
  readonly "strongLink": string;
  readonly "tabPanel": string;
  readonly "toolbar": string;
};
export = styles;

