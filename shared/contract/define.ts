import type { z } from 'zod';

/** One renderer-to-main call: its input and output schemas and what it does. */
export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  doc: string;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, doc: string): ChannelDef<I, O> {
  return { input, output, doc };
}
