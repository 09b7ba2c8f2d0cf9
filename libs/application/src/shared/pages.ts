import { BadRequestException } from '@nestjs/common';
import { BadCursorError } from '@app/projections';

/** A page read: a cursor the API did not hand out is a 400 naming `cursor`. */
export async function page<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof BadCursorError)
      throw new BadRequestException({ message: error.message, field: 'cursor' });
    throw error;
  }
}
