// The use cases of this resource, registered with @nestjs/cqrs by the module that serves them.
import { AddStatementMentionHandler } from './add-statement-mention/add-statement-mention.handler';
import { CorrectStatementHandler } from './correct-statement/correct-statement.handler';
import { GetStatementHandler } from './get-statement/get-statement.handler';
import { RecordStatementHandler } from './record-statement/record-statement.handler';
import { RetractStatementHandler } from './retract-statement/retract-statement.handler';
import { TakeStanceHandler } from './take-stance/take-stance.handler';
import { WithdrawStatementHandler } from './withdraw-statement/withdraw-statement.handler';
import { ListStatementsHandler } from './list-statements/list-statements.handler';
export * from './list-statements/list-statements.query';
export * from './add-statement-mention/add-statement-mention.command';
export * from './correct-statement/correct-statement.command';
export * from './get-statement/get-statement.query';
export * from './record-statement/record-statement.command';
export * from './retract-statement/retract-statement.command';
export * from './take-stance/take-stance.command';
export * from './withdraw-statement/withdraw-statement.command';

export const STATEMENT_HANDLERS = [
  ListStatementsHandler,
  AddStatementMentionHandler,
  CorrectStatementHandler,
  GetStatementHandler,
  RecordStatementHandler,
  RetractStatementHandler,
  TakeStanceHandler,
  WithdrawStatementHandler,
];
export * from './statement-view';
export * from './statement.schemas';
