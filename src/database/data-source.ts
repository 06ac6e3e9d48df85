import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config.loader';
import { dataSourceOptions } from './data-source.options';

/** For the TypeORM CLI (`npm run migration:run`): same options as the app. */
export default new DataSource(dataSourceOptions(loadConfig().database));
