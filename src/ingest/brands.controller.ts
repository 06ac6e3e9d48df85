import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DEFUSE_CONFIG } from '../config/config.module';
import { DefuseConfig } from '../config/config.schema';
import { TriageRules } from '../triage/triage-rules';

/** The monitored brands (defined in config/*.yaml): what the dashboard's brand filter offers. */
@ApiTags('brands')
@Controller('api/brands')
export class BrandsController {
  constructor(
    @Inject(DEFUSE_CONFIG) private readonly config: DefuseConfig,
    private readonly rules: TriageRules,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The monitored brands, their query and their first-response target' })
  list() {
    return {
      items: this.config.brands.map((b) => ({
        id: b.id,
        name: b.name,
        query: b.query,
        sla: this.rules.clockFor(b.id).describe(),
      })),
    };
  }
}
