// How a message names a request field. Below the doors a field is named as the request names it
// (`from`, `groupBy`: REST's JSON field and gRPC's field alike); a door that spells its fields
// otherwise passes its own speller (the CLI's flags, `--group-by`: cli/args.ts cliFlag). Lower
// layers never spell a CLI flag themselves (test/layers/layers.test.ts).
export type FieldSpeller = (field: string) => string;

/** The request's own name for a field. */
export const requestField: FieldSpeller = (field) => field;
