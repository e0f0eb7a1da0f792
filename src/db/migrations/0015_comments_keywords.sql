-- Reserved slot; filled by its branch.
select 1;
