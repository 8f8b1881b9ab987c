declare const styles: {
  readonly "content": string;
  readonly "edgeToEdge": string;
  readonly "roleTag": string;
  readonly "section": string;
  readonly "sections": string;
  readonly "shell": string;
  readonly "topbar": string;
  readonly "topbarUser": string;
  readonly "userLink": string;
};
export = styles;

