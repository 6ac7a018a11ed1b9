import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';

export const Roles = (...roles: string[]) => SetMetadata('roles', roles);

/** Tokens of the demo and the roles they carry. */
const TOKENS: Record<string, string[]> = { 'admin-token': ['admin'], 'user-token': ['user'] };

/** 401 without a known bearer token, 403 without a role the handler asks for with @Roles(). */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.get<string[] | undefined>('roles', context.getHandler());
    if (!required) return true;
    const authorization: string | undefined = context.switchToHttp().getRequest().headers.authorization;
    const roles = TOKENS[authorization?.replace(/^Bearer /, '') ?? ''];
    if (!roles) throw new UnauthorizedException('a bearer token is required');
    if (!required.some((role) => roles.includes(role))) throw new ForbiddenException('admins only');
    return true;
  }
}
