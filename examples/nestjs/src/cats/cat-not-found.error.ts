/** The domain's own error; `CatNotFoundFilter` turns it into the API's 404. */
export class CatNotFoundError extends Error {
  constructor(readonly catId: number) {
    super(`no cat ${catId}`);
  }
}
