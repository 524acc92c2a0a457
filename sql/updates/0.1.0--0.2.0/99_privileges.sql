-- Last: privileges of every object the parts above created or changed (no function
-- executable by PUBLIC, the codecpg_reader/codecpg_writer grants, the repository
-- ownership trigger on every table with a repo column), as the install script ends.
SELECT codecpg.apply_privileges();
