import { SetMetadata } from '@nestjs/common';
import type { Permission } from '@app/access';

export const ACCESS = 'statement-tracker:access';
/** The permission a route needs; 'public' routes need no key. Default: read for GET, write otherwise. */
export const Access = (permission: Permission | 'public') => SetMetadata(ACCESS, permission);
