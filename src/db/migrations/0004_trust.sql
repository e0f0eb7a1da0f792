-- Reserved slot: filled by the branch that owns it.
select 1;
