/** The Unicode line breaking algorithm (UAX #14), as the `linebreak` package implements it. */
declare module 'linebreak' {
  export interface Break {
    /** UTF-16 index where the next line may start. */
    readonly position: number;
    /** A hard break (a newline): the line must end here. */
    readonly required: boolean;
  }
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
}
