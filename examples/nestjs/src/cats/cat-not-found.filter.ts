import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { CatNotFoundError } from './cat-not-found.error.js';

@Catch(CatNotFoundError)
export class CatNotFoundFilter implements ExceptionFilter {
  catch(error: CatNotFoundError, host: ArgumentsHost) {
    const response = host.switchToHttp().getResponse();
    const body = { error: 'cat not found', id: error.catId };
    // Express and Fastify responses answer differently.
    if (typeof response.code === 'function') response.code(404).send(body);
    else response.status(404).json(body);
  }
}
