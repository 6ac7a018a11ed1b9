import { Injectable } from '@nestjs/common';
import type { Cat } from './cat.entity.js';
import { CatNotFoundError } from './cat-not-found.error.js';
import type { CreateCatDto } from './dto/create-cat.dto.js';

@Injectable()
export class CatsService {
  private readonly cats = new Map<number, Cat>([
    [1, { id: 1, name: 'Tom', age: 3 }],
    [2, { id: 2, name: 'Felix', age: 5 }],
  ]);
  private nextId = 3;

  list(limit?: number): Cat[] {
    return [...this.cats.values()].slice(0, limit);
  }

  get(id: number): Cat {
    const cat = this.cats.get(id);
    if (!cat) throw new CatNotFoundError(id);
    return cat;
  }

  create(dto: CreateCatDto): Cat {
    const cat = { id: this.nextId++, ...dto };
    this.cats.set(cat.id, cat);
    return cat;
  }

  remove(id: number): void {
    this.get(id);
    this.cats.delete(id);
  }
}
