// Types of lists.js for the gateway's TypeScript (the web UI is plain JavaScript).
export declare const MAX_ITEM_CHARS: number;
export declare function listValue(v: string): string;
export declare function splitList(s: string): { items: string[]; problem?: 'unclosed' | 'trailing' | 'long' };
