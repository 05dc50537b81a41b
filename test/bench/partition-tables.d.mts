/** Types of partition-tables.mjs, for the TypeScript tests that use it. */
export type PartitionCell = { kind: 'any' } | { kind: 'value'; value: string } | { kind: 'range'; lo: number; hi: number };
export interface PartitionAttribute { name: string; kind: 'choice' | 'whole'; values?: string[]; max?: number }
export interface Partition { attributes: PartitionAttribute[]; rows: PartitionCell[][] }
export interface RowChange { drop?: number; duplicate?: number }
export function exactPartition(options: { columns: number; rows: number; seed: number }): Partition;
export function boxParts(partition: Partition, index: number): string[];
export function tableText(partition: Partition, options?: RowChange): string;
export function pathwayModelText(partition: Partition, options?: RowChange): string;
